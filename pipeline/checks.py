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
from pipeline.text import YEAR

# A run of digits (thousands separators allowed), not an amount of money ("$500,000,000").
_DIGITS = re.compile(r"(?<![$€£\d,])(?:\d{1,3}(?:,\d{3})+|\d+)")
# A header date at the start of an entry's text: "February 30, 2024: ..." (no header otherwise).
# Any year of one to four digits, so that "March 3, 1:" and "March 3, 9999:" are looked at too.
_HEADER_DATE = re.compile(r"(?P<month>[A-Z][a-z]+) (?P<day>\d{1,2}), (?P<year>\d{1,4})\s*:")
# A figure is only converted when it has at most this many digits (leading zeros aside): any
# longer one is larger than MAX_COUNT anyway, and int() refuses strings over 4,300 digits
# (ValueError: Exceeds the limit), which a report of 20 MB can easily hold.
_MAX_DIGITS = len(str(MAX_COUNT))
# A figure longer than this is shown cut in the warning, with its length: a 5,000-digit run in a
# one-line warning would be 5,000 characters of terminal.
_SHOWN_DIGITS = 24
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
            text = header.group()[:-1].rstrip()
            try:
                dt.date(int(header["year"]), _MONTHS[header["month"]], int(header["day"]))
            except ValueError:
                warnings.append(f"{record.id}: header date {text!r} is not a calendar date: no date kept")
            else:
                # A real calendar date that the date rules did not read: years 1 and 9999 are
                # outside the years they take as years (pipeline.text.YEAR), and were dropped
                # without a word before this check.
                why = "" if re.fullmatch(YEAR, header["year"]) else (
                    f" (the year {int(header['year'])} is outside the years read as dates)")
                warnings.append(f"{record.id}: header date {text!r} was not read as a date{why}: "
                                "no date kept")
        if record.date.start is not None and record.date.start > today:
            warnings.append(f"{record.id}: date {record.date.start} is after the day of the run ({today})")
        for match in _DIGITS.finditer(record.text):
            if _exceeds_count(match.group()):
                warnings.append(
                    f"{record.id}: the figure {_shown(match.group())} is larger than any count "
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


def _exceeds_count(figure: str) -> bool:
    """Whether a run of digits names more than ``MAX_COUNT``, converting at most ``_MAX_DIGITS``.

    >>> _exceeds_count("10,000,001"), _exceeds_count("0" * 5000 + "7"), _exceeds_count("9" * 5000)
    (True, False, True)
    """
    digits = figure.replace(",", "").lstrip("0")
    return len(digits) > _MAX_DIGITS or int(digits or "0") > MAX_COUNT


def _shown(figure: str) -> str:
    """A figure as a warning quotes it: whole up to ``_SHOWN_DIGITS`` characters, else cut.

    >>> _shown("12345678901234567890"), _shown("9" * 5000)
    ('12345678901234567890', '999999999999...9999 (5,000 digits)')
    """
    if len(figure) <= _SHOWN_DIGITS:
        return figure
    digits = sum(c.isdigit() for c in figure)
    return f"{figure[:12]}...{figure[-4:]} ({digits:,} digits)"
