"""From a found date to the days it names: dateparser on isolated strings, the year nearest an
anchor, ranges, relative mentions, and EDTF."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from dateparser.date import DateDataParser

from pipeline.fields.dates.patterns import _FINER, _FIXED_BASE, _RANK, _RELATIVE_DAYS
from pipeline.schema import Precision
from pipeline.settings import Settings

@dataclass(frozen=True)
class _Token:
    """One date candidate found by ``_SINGLE``."""

    start: int
    end: int
    month: str | None
    day: str | None
    year: int | None
    same_year: bool
    modified: bool
    # A bare month with no preposition before it ("May" the verb) counts only as the first end
    # of a range ("January/February 2015").
    range_only: bool = False
    # The last day of a day range inside one month ("Jan 7-9, 2015": "9").
    day_end: str | None = None


@dataclass(frozen=True)
class _Range:
    """A resolved date: its first and last day and its precision."""

    start: dt.date
    end: dt.date
    precision: Precision


def _languages(settings: Settings | None) -> tuple[str, ...]:
    return (settings or Settings()).date_languages


@lru_cache(maxsize=256)
def _parser(languages: tuple[str, ...], base: dt.date) -> DateDataParser:
    """The dateparser parser for ``languages`` and ``base``, built once and kept.

    Only absolute dates: the relative phrases are ours (``_RELATIVE``), and the timestamp and
    no-spaces parsers read plain numbers as dates.
    """
    return DateDataParser(
        languages=list(languages),
        settings={
            "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
            "PREFER_DATES_FROM": "current_period",
            "PARSERS": ["absolute-time"],
        },
    )


# English month names and their abbreviations as dateparser reads them, for the dates that need
# no parser: "March 5, 2023", "Sept. 2015", "2015" (``_plain_date``).
_MONTH_NUMBERS = {
    **{calendar.month_name[m].lower(): m for m in range(1, 13)},
    **{calendar.month_abbr[m].lower(): m for m in range(1, 13)},
    "sept": 9,
}
_PLAIN_DATE = re.compile(
    r"(?:(?P<month>[A-Za-z]{3,9})\.? (?:(?P<day>\d{1,2}), )?)?(?P<year>\d{4})"
)


def _plain_date(text: str) -> tuple[int, int, int, str] | None:
    """What dateparser gives for a plain English date with its year ("March 5, 2023", "May
    2023", "2023"), without calling it; None for anything else (an unknown word, a day the month
    has not), which dateparser is left to read. ``tests/fields/test_dates.py`` compares the two on
    every month word and day."""
    m = _PLAIN_DATE.fullmatch(text)
    if m is None:
        return None
    year = int(m.group("year"))
    if m.group("month") is None:
        return year, 1, 1, "year"
    month = _MONTH_NUMBERS.get(m.group("month").lower())
    if month is None or year < 1:
        return None
    if m.group("day") is None:
        return year, month, 1, "month"
    day = int(m.group("day"))
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return year, month, day, "day"


@lru_cache(maxsize=4096)
def _dateparser(text: str, languages: tuple[str, ...],
                base: dt.date) -> tuple[int, int, int, str] | None:
    """(year, month, day, period) of one isolated date string; None for a date that cannot be."""
    if languages == ("en",) and base == _FIXED_BASE:
        plain = _plain_date(text)
        if plain is not None:
            return plain
    data = _parser(languages, base).get_date_data(text)
    if data.date_obj is None or data.period not in _RANK:
        return None
    d = data.date_obj
    return d.year, d.month, d.day, data.period


def _span(year: int, month: int, day: int, precision: str) -> tuple[dt.date, dt.date] | None:
    """The whole period a date names: a day, its month or its year. None if the day cannot be."""
    try:
        if precision == "day":
            d = dt.date(year, month, day)
            return d, d
        if precision == "month":
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None


def _distance(start: dt.date, end: dt.date, anchor: dt.date) -> int:
    if start <= anchor <= end:
        return 0
    return min(abs((start - anchor).days), abs((end - anchor).days))


def _resolve(tok: _Token, anchor: dt.date | None, languages: tuple[str, ...],
             year: int | None = None) -> _Range | None:
    """Resolve one token; ``year`` supplies a year the token lacks (from the other end of a range,
    or the mention "of the same year" refers to)."""
    if tok.day_end is not None:
        # A day range inside one month: both ends in the month and year of the first.
        first = _resolve(replace(tok, day_end=None), anchor, languages, year)
        if first is None:
            return None
        last = _resolve(replace(tok, day=tok.day_end, day_end=None, year=first.start.year),
                        anchor, languages)
        if last is None or last.end < first.start:
            return None
        return _Range(first.start, last.end, "day")
    own_year = tok.year if tok.year is not None else year
    if tok.month is None:
        pieces = str(own_year)
    elif tok.day is None:
        pieces = tok.month
    else:
        pieces = f"{tok.month} {tok.day}"
    if own_year is not None:
        if tok.month is not None:
            pieces = f"{pieces}, {own_year}" if tok.day else f"{pieces} {own_year}"
        parsed = _dateparser(pieces, languages, _FIXED_BASE)
        if parsed is None:
            return None
        y, m, d, period = parsed
        span = _span(y, m, d, period)
        if span is None:
            return None
        return _Range(span[0], span[1], period)
    if anchor is None:
        return None
    parsed = _dateparser(pieces, languages, anchor)
    if parsed is None:
        return None
    y, m, d, period = parsed
    # The report tells sub-events and follow-ups days or weeks from the header date ("On March
    # 24" after March 23, 2019; "on May 3" before May 15, 2017; "since January" before May 31,
    # 2009), and names the year when it is further: the year that puts the date nearest the
    # header wins, so "On December 28" under a January 5 header is the December before.
    best: tuple[int, dt.date, dt.date] | None = None
    for candidate in (y, y - 1, y + 1):
        span = _span(candidate, m, d, period)
        if span is not None:
            dist = _distance(span[0], span[1], anchor)
            if best is None or dist < best[0]:
                best = (dist, span[0], span[1])
    if best is None:
        return None
    return _Range(best[1], best[2], period)


def _coarsest(a: str, b: str) -> Precision:
    return a if _RANK[a] >= _RANK[b] else b


def _resolve_pair(a: _Token, b: _Token, anchor: dt.date | None,
                  languages: tuple[str, ...], same_year: int | None) -> _Range | None:
    """Resolve "A - B", "between A and B", "from A to B": an end without a year borrows the other
    end's year ("between May and July of 2012"), or the anchor's when neither has one.
    ``same_year`` is the year an end "of the same year" refers to, and without an anchor the
    year of a range that states none."""
    a_year = a.year if a.year is not None else (same_year if a.same_year else None)
    b_year = b.year if b.year is not None else (same_year if b.same_year else None)
    if anchor is None and a_year is None and b_year is None:
        a_year = same_year
    if a_year is not None:
        left = _resolve(a, anchor, languages, a_year)
        if left is None:
            return None
        right = _resolve(b, anchor, languages, b_year or left.start.year)
        if right is not None and b_year is None and right.end < left.start:
            right = _resolve(b, anchor, languages, left.start.year + 1)
    elif b_year is not None:
        right = _resolve(b, anchor, languages, b_year)
        if right is None:
            return None
        left = _resolve(a, anchor, languages, right.end.year)
        if left is not None and left.start > right.end:
            left = _resolve(a, anchor, languages, right.end.year - 1)
    else:
        left = _resolve(a, anchor, languages)
        if left is None:
            return None
        right = _resolve(b, anchor, languages, left.start.year)
        if right is not None and right.end < left.start:
            right = _resolve(b, anchor, languages, left.start.year + 1)
    if left is None or right is None or left.start > right.end:
        return None
    return _Range(left.start, right.end, _coarsest(left.precision, right.precision))


def _relative(kind: str, ref: dt.date) -> _Range:
    """The range a relative mention names, counted from ``ref``."""
    if kind in _RELATIVE_DAYS:
        first, last = _RELATIVE_DAYS[kind]
        return _Range(ref + dt.timedelta(days=first), ref + dt.timedelta(days=last), "day")
    precision = "month" if kind == "same_month" else "year"
    start, end = _span(ref.year, ref.month, 1, precision)
    return _Range(start, end, precision)


def _edtf_point(d: dt.date, precision: str, is_end: bool) -> str:
    """``d`` written at ``precision``, or finer when ``d`` does not fall on that period's edge."""
    for level in _FINER[precision]:
        if level == "year" and (d.month, d.day) == ((12, 31) if is_end else (1, 1)):
            return f"{d.year:04d}"
        if level == "month" and d.day == (calendar.monthrange(d.year, d.month)[1] if is_end else 1):
            return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def to_edtf(start: dt.date | None, end: dt.date | None, precision: Precision | None) -> str | None:
    """A range as an EDTF string: one value when both ends name the same period.

    >>> to_edtf(dt.date(2009, 12, 1), dt.date(2010, 2, 28), "month")
    '2009-12/2010-02'
    """
    if start is None or end is None or precision is None:
        return None
    first = _edtf_point(start, precision, False)
    last = _edtf_point(end, precision, True)
    return first if first == last else f"{first}/{last}"
