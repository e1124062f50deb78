"""The dates of prose the date finder (``pipeline.fields.dates``) does not read: holidays
("on Christmas Eve 2000", "Easter Sunday"), a time after the date told before ("four months
later"), before the document's day ("two days ago"), "That January", "this evening"; and every
date mention of a paragraph, the finder's and these, in reading order.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left

from pipeline.fields.dates import find_date_mentions, to_edtf
from pipeline.schema import DateMention, Evidence
from pipeline.text import MONTH_NAMES


# How long a mention is at most, in characters ("Just over a month later", "between 5 and 8 July
# 2019 and 12 August 2019"), for looking up the mentions that overlap another.
_LONGEST_EXTRA = 40
_LONGEST_MENTION = 80
# Mentions that count from the document's own date.
_DOCUMENT_DAY = ("rule:weekday", "rule:today", "rule:yesterday")

# --- dates the date finder does not read --------------------------------------------------------

# Holidays with a fixed day, and Easter: "on New Year's Eve", "on Christmas Eve 2000", "during
# Bastille Day celebrations".
_HOLIDAY_DAYS = {
    "new year's eve": (12, 31), "new year's day": (1, 1), "christmas eve": (12, 24),
    "christmas day": (12, 25), "boxing day": (12, 26), "bastille day": (7, 14),
    "valentine's day": (2, 14), "halloween": (10, 31),
}
_HOLIDAY = re.compile(
    r"\b(?P<name>New Year['’]s (?:Eve|Day)|Christmas (?:Eve|Day)|Boxing Day|Bastille Day"
    r"|Valentine['’]s Day|Halloween|Easter(?: Sunday)?)(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
)
# A time after the date told before: "four months later", "Just over a month later", "A few days
# later", "two weeks later".
_LATER = re.compile(
    r"\b(?:(?:[Jj]ust\s+)?(?:over|under|about|nearly|almost|some)\s+)?"
    r"(?P<n>[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en"
    r"|[Ss]everal|[Aa]\s+few|\d{1,2})\s+(?P<unit>days?|weeks?|months?)\s+later\b"
)
# A time before the document's day: "Two days ago, gunmen stormed ...".
_AGO = re.compile(
    r"\b(?P<n>[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en"
    r"|[Ss]everal|[Aa]\s+few|\d{1,2})\s+(?P<unit>days?|weeks?|months?)\s+ago\b"
)
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10}
# A month of the year told before: "That January, men dressed as hunters ...".
_THAT_MONTH = re.compile(
    r"\b(?:[Tt]hat|[Tt]he\s+same|[Ll]ater\s+that|[Ee]arlier\s+that)\s+(?P<month>"
    + "|".join(MONTH_NAMES) + r")\b(?!\s+\d)"
)
# The day of the article: "ahead of leaving for Srinagar this evening", "Later in the day, the
# government issued a curfew".
_SAME_DAY = re.compile(
    r"\b[Tt]his\s+(?:evening|afternoon)\b"
    r"|\b(?:[Ll]ater|[Ee]arlier)\s+in\s+the\s+day\b"
)


def _easter(year: int) -> dt.date:
    """Easter Sunday of a year (the Gregorian computus).

    >>> _easter(2019)
    datetime.date(2019, 4, 21)
    """
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = ((h + l - 7 * m + 114) % 31) + 1
    return dt.date(year, month, day)


def _mention(text: str, start: int, end: int, rule: str, first: dt.date | None,
             last: dt.date | None, precision: str | None, anchored: bool) -> DateMention:
    if first is None:
        last = precision = None
    return DateMention(
        start=first, end=last, precision=precision, edtf=to_edtf(first, last, precision),
        anchored=anchored,
        evidence=Evidence(text=text[start:end], start=start, end=end, method=f"rule:{rule}"),
    )


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _add_months(day: dt.date, months: int) -> tuple[int, int]:
    total = day.year * 12 + day.month - 1 + months
    return total // 12, total % 12 + 1


def _before(resolved: list[DateMention], starts: list[int], pos: int) -> DateMention | None:
    """The nearest of the ``resolved`` mentions (in reading order, ``starts`` their offsets)
    before ``pos``."""
    k = bisect_left(starts, pos)
    return resolved[k - 1] if k else None


def _extra_mentions(text: str, found: list[DateMention], anchor: dt.date | None,
                    dated: bool = True) -> list[DateMention]:
    """The dates of ``text`` the date finder does not read: holidays, "four months later",
    "That January", "this evening". Each takes its year from the date told before it, else from
    ``anchor``."""
    out: list[DateMention] = []
    resolved = [m for m in found if m.start is not None]
    starts = [m.evidence.start for m in resolved]

    def before(pos: int) -> DateMention | None:
        return _before(resolved, starts, pos)

    def year_at(pos: int) -> int | None:
        prev = before(pos)
        return prev.start.year if prev is not None else (anchor.year if anchor else None)

    for m in _HOLIDAY.finditer(text):
        name = m.group("name").lower().replace("’", "'")
        year = int(m.group("year")) if m.group("year") else year_at(m.start())
        day = None
        if year is not None:
            if name.startswith("easter"):
                day = _easter(year)
            else:
                month, d = _HOLIDAY_DAYS[name]
                day = dt.date(year, month, d)
        out.append(_mention(text, m.start(), m.end(), "holiday", day, day, "day",
                            m.group("year") is None))
    for m in _LATER.finditer(text):
        prev = before(m.start())
        n_word = m.group("n").lower()
        n = int(n_word) if n_word.isdigit() else _NUMBER_WORDS.get(n_word)
        unit = m.group("unit").rstrip("s")
        first = last = None
        precision = None
        if prev is not None:
            if unit == "month" or prev.precision != "day" or n is None:
                months = (n or 0) if unit == "month" else 0
                y, mo = _add_months(prev.start, months)
                first, last, precision = dt.date(y, mo, 1), _month_end(y, mo), "month"
            else:
                first = last = prev.start + dt.timedelta(days=n * (7 if unit == "week" else 1))
                precision = "day"
        out.append(_mention(text, m.start(), m.end(), "later", first, last, precision, True))
    for m in _AGO.finditer(text):
        n_word = m.group("n").lower()
        n = int(n_word) if n_word.isdigit() else _NUMBER_WORDS.get(n_word)
        unit = m.group("unit").rstrip("s")
        first = last = None
        precision = None
        if dated and anchor is not None and n is not None and unit != "week":
            if unit == "day":
                first = last = anchor - dt.timedelta(days=n)
                precision = "day"
            else:
                y, mo = _add_months(anchor, -n)
                first, last, precision = dt.date(y, mo, 1), _month_end(y, mo), "month"
        out.append(_mention(text, m.start(), m.end(), "ago", first, last, precision, True))
    for m in _THAT_MONTH.finditer(text):
        year = year_at(m.start())
        month = MONTH_NAMES.index(m.group("month")) + 1
        first = dt.date(year, month, 1) if year else None
        last = _month_end(year, month) if year else None
        out.append(_mention(text, m.start(), m.end(), "same_month", first, last, "month", True))
    for m in _SAME_DAY.finditer(text):
        prev = before(m.start())
        day = prev.start if prev is not None and prev.precision == "day" else (
            anchor if dated else None)
        out.append(_mention(text, m.start(), m.end(), "same_day", day, day, "day", True))
    return out


def in_month(mention: DateMention, month: tuple[int, int] | None) -> DateMention:
    """An unresolved weekday or "today" given the whole month the document was published in
    (a stored copy's address "/2016/10/"), when that is all the document says of its own date:
    no day is invented, and the evidence names the rule.

    >>> m = _date_mentions("Gunmen struck today.", None, False)[0]
    >>> m.edtf, in_month(m, (2016, 10)).edtf, in_month(m, (2016, 10)).evidence.method
    (None, '2016-10', 'rule:today:publication-month')
    """
    if month is None or mention.start is not None or mention.evidence.method not in _DOCUMENT_DAY:
        return mention
    first = dt.date(month[0], month[1], 1)
    last = (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
    evidence = mention.evidence.model_copy(
        update={"method": f"{mention.evidence.method}:publication-month"})
    return mention.model_copy(update={"start": first, "end": last, "precision": "month",
                                      "edtf": to_edtf(first, last, "month"), "evidence": evidence})


def _date_mentions(text: str, anchor: dt.date | None, dated: bool = True) -> list[DateMention]:
    """Every date of a paragraph, the date finder's and the prose's own, in reading order. A
    holiday replaces the weekday it holds ("Easter Sunday"). ``dated``: the anchor is the
    document's own date; else it only chooses years, and a weekday or "today" stays unresolved
    (the Wednesday before the middle of a year is no date the text gives; ``in_month`` may give
    it the month the document was published in)."""
    found = find_date_mentions(text, anchor, carry_first=True)
    if not dated:
        found = [m if m.evidence.method not in _DOCUMENT_DAY or m.start is None else
                 m.model_copy(update={"start": None, "end": None, "precision": None, "edtf": None})
                 for m in found]
    extra = sorted(_extra_mentions(text, found, anchor, dated), key=lambda x: x.evidence.start)
    extra_starts = [x.evidence.start for x in extra]
    kept = []
    for m in found:
        # The prose's own mentions that overlap m: they start before m ends, and none is longer
        # than a few words.
        k = bisect_left(extra_starts, m.evidence.start - _LONGEST_EXTRA)
        over = [x for x in extra[k : bisect_left(extra_starts, m.evidence.end)]
                if m.evidence.start < x.evidence.end]
        # A holiday holds its weekday or its year ("Easter Sunday", "Christmas Eve 2000"); a
        # relative date the finder could not resolve is resolved here.
        if not over or (m.start is not None and m.precision != "year"
                        and m.evidence.method != "rule:weekday"
                        and not any(x.evidence.method == "rule:holiday" for x in over)):
            kept.append(m)
    kept_starts = [m.evidence.start for m in kept]
    for x in extra:
        k = bisect_left(kept_starts, x.evidence.start - _LONGEST_MENTION)
        if not any(x.evidence.start < m.evidence.end and m.evidence.start < x.evidence.end
                   for m in kept[k : bisect_left(kept_starts, x.evidence.end)]):
            kept.append(x)
    return sorted(kept, key=lambda m: m.evidence.start)
