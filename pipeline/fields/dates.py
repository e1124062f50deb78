"""Dates: the header of a timeline entry and the dates stated in its text, as ranges.

Every date becomes a range ``(start, end)`` with the precision the text gives it, never finer:
"March 2023" is 2023-03-01..2023-03-31 at precision ``month``, not dateparser's invented 15th.

How the work is split, and why:

- Our regular expressions find the candidates ("February 7, 2025", "On March 24", "in 2017",
  "between August 17 and August 21", "That same day"). Only month names and four-digit years
  start a candidate, so outlet names and counts ("France 24", "News 24", "24 hours", "killing 24")
  never become dates.
- dateparser reads each isolated candidate string, never a whole entry (``search_dates`` reads
  "France 24" as a day). Its ``period`` is kept as the precision and its invented parts are
  dropped. Its ``RELATIVE_BASE`` is the entry's header date for strings without a year and a fixed
  date otherwise, never today, so a re-run gives the same result.
- A mention without a year ("On March 24") takes the year that puts it nearest the header date
  (in prose without a header, the year of the nearest full date before it), and relative
  mentions ("the following day") count from the nearest day stated before them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from dateparser.date import DateDataParser

from pipeline.schema import DateMention, DateValue, Evidence, Precision
from pipeline.settings import Settings
from pipeline.text import source_lists, split_sentences

_RANK: dict[str, int] = {"day": 0, "month": 1, "year": 2}
_FINER: dict[str, tuple[str, ...]] = {
    "year": ("year", "month", "day"),
    "month": ("month", "day"),
    "day": ("day",),
}

# RELATIVE_BASE for strings that carry their own year (headers and most mentions): dateparser
# then only fills the parts we drop (the day of "March 2023"), so one fixed date serves them all
# and one parser is built. Strings without a year get the entry's header date instead. Never today.
_FIXED_BASE = dt.date(2000, 1, 1)

# Days after the reference day that a relative mention covers, first and last. "A few days
# later" gives no number: two to seven days ("a few" is more than one; a week or more would be
# written as such).
_RELATIVE_DAYS: dict[str, tuple[int, int]] = {
    "same_day": (0, 0),
    "next_day": (1, 1),
    "previous_day": (-1, -1),
    "few_days_later": (2, 7),
}

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
# A four-digit year of the 19th to 21st century standing alone: not part of "$500,000", "4,500",
# "2.2019", "2020s" or "20%".
_YEAR = r"(?<![\d$€£,.])(?:1[89]\d\d|20\d\d)(?![\d%]|s\b|,\d|\.\d)"
# Words after a number that make it a count, not a day or a year: "In January 12 soldiers ...".
_COUNTED = (
    r"(?:people|persons?|civilians?|soldiers?|troops|fighters?|militants?|hostages?"
    r"|peacekeepers?|men|women|children|villagers?|dead|killed|wounded|injured|others|members?"
    r"|refugees|families|km|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|percent|tons?|dollars?"
    r"|euros?|years?|months?|weeks?|days?|hours?|minutes?)\b|%"
)
# "late March 2022", "mid-2020", "the end of 2012", "summer of 2020": the part is not narrowed
# (see ``_rule_id``), but the words belong to the mention.
_MODIFIER = (
    r"(?:\b(?:[Ee]arly|[Mm]id|[Ll]ate)(?:-|\s+)"
    r"|\b[Tt]he\s+(?:end|beginning|start|middle)\s+of\s+"
    r"|\b(?:[Ss]pring|[Ss]ummer|[Ff]all|[Aa]utumn|[Ww]inter)\s+(?:of\s+)?)"
)
# One date: "February 7, 2025", "May 2022", "March 24", "January", "2017", "late March 2022",
# "November of the same year". A bare month is kept only after a preposition (``_BARE_MONTH_AFTER``)
# or as the first end of a range, so that "May" the verb is not read.
_SINGLE = re.compile(
    rf"""
    (?P<mod>{_MODIFIER})?
    (?:
        (?<![A-Za-z])(?P<month>{_MONTH})(?![a-z])
        (?:\s+(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)(?!\s*{_COUNTED}))?
        (?:,?\s+(?:of\s+)?(?P<year>{_YEAR})(?!\s*{_COUNTED})
          |\s+of\s+(?P<same_year>the\s+same\s+year|that\s+(?:same\s+)?year))?
      | (?<!\w)(?P<lone_year>{_YEAR})(?!\s*{_COUNTED})
    )
    """,
    re.VERBOSE,
)
_BARE_MONTH_AFTER = re.compile(
    r"\b(?:in|since|until|till|by|from|during|through|between|and|to|of|before|after|on)\s+$",
    re.IGNORECASE,
)
# A lone four-digit number after these words is a label, not a year: "Resolution 2100".
_NOT_YEAR_AFTER = re.compile(
    r"\b(?:resolution|no\.|number|article|law|decree|flight|route|page|chapter|section|paragraph"
    r"|code|room|case)\s+$",
    re.IGNORECASE,
)
# Two dates joined into one range: "July 25, 2024 - July 27, 2024" (the range headers),
# "January/February 2015", "between August 17 and August 21", "between 2012 and 2013",
# "from 2022 to August 2023", "from March 23 until March 31, 2022".
_DASH_GAP = re.compile(r"\s*[-–—/]\s*")
_AND_GAP = re.compile(r"\s+and\s+")
_TO_GAP = re.compile(r"\s+(?:to|until|till|through)\s+")
_BETWEEN_BEFORE = re.compile(r"\b[Bb]etween\s+$")
_FROM_BEFORE = re.compile(r"\b[Ff]rom\s+$")
# Mentions that count from another date. "A few days later on January 26, 2023" states its day:
# the relative words then add nothing and are skipped.
_RELATIVE = re.compile(
    rf"""
    \b(?:
        (?P<same_day>(?:[Tt]hat|[Tt]he)\s+same\s+day|[Ll]ater\s+that\s+day|[Ee]arlier\s+that\s+day)
      | (?P<next_day>[Tt]he\s+(?:following|next)\s+day)
      | (?P<previous_day>[Tt]he\s+previous\s+day)
      | (?P<few_days_later>[Aa]\s+few\s+days\s+later)(?!\s*,?\s*on\s+{_MONTH})
      | (?P<same_month>[Ll]ater\s+that\s+month|(?:[Tt]hat|[Tt]he)\s+same\s+month)
      | (?P<same_year>[Ll]ater\s+that\s+year|(?:[Tt]hat|[Tt]he)\s+same\s+year)
    )\b
    """,
    re.VERBOSE,
)
# What a relative mention can count from: a single day for "the following day", a day or a
# month for "later that month", any date for "the same year".
_REFERENCE_PRECISIONS: dict[str, frozenset[str]] = {
    "same_day": frozenset({"day"}),
    "next_day": frozenset({"day"}),
    "previous_day": frozenset({"day"}),
    "few_days_later": frozenset({"day"}),
    "same_month": frozenset({"day", "month"}),
    "same_year": frozenset({"day", "month", "year"}),
}
# How a headerless entry states when its event happened: it opens with the date ("On March 5,
# 2019, ...", "In December 2009, ...") or puts a full day "on" it in its first sentence.
_OPENING = re.compile(r"^\s*(?:(?:On|In|on|in)\s+)?$")
_ON_BEFORE = re.compile(r"\b[Oo]n\s+$")


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


@lru_cache(maxsize=4096)
def _dateparser(text: str, languages: tuple[str, ...],
                base: dt.date) -> tuple[int, int, int, str] | None:
    """(year, month, day, period) of one isolated date string; None for a date that cannot be."""
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


def _tokens(text: str, lo: int, hi: int) -> list[_Token]:
    """Every single-date candidate in ``text[lo:hi]``, outside source lists."""
    # Outlet names are not dates ("Sources: News 24, News24").
    blocked = source_lists(text, lo, hi)
    out: list[_Token] = []
    for m in _SINGLE.finditer(text, lo, hi):
        if any(s <= m.start() < e for s, e in blocked):
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        if m.group("lone_year"):
            if _NOT_YEAR_AFTER.search(before):
                continue
            year = int(m.group("lone_year"))
            out.append(_Token(m.start(), m.end(), None, None, year, False, bool(m.group("mod"))))
            continue
        bare = not (m.group("day") or m.group("year") or m.group("same_year"))
        year = int(m.group("year")) if m.group("year") else None
        out.append(
            _Token(m.start(), m.end(), m.group("month"), m.group("day"), year,
                   bool(m.group("same_year")), bool(m.group("mod")),
                   bare and not (m.group("mod") or _BARE_MONTH_AFTER.search(before)))
        )
    return out


def _rule_id(tok: _Token) -> str:
    if tok.month is None:
        shape = "year"
    elif tok.same_year:
        shape = "month_same_year"
    else:
        shape = "month" + ("_day" if tok.day else "") + ("_year" if tok.year is not None else "")
    # "late March 2022" keeps the whole month: the schema has no finer part of a month, and a
    # third of a month would be a guess the text does not make.
    return f"modified_{shape}" if tok.modified and not tok.day else shape


def _mention(text: str, start: int, end: int, rule: str, resolved: _Range | None,
             anchored: bool) -> DateMention:
    return DateMention(
        start=resolved.start if resolved else None,
        end=resolved.end if resolved else None,
        precision=resolved.precision if resolved else None,
        edtf=to_edtf(resolved.start, resolved.end, resolved.precision) if resolved else None,
        anchored=anchored,
        evidence=Evidence(text=text[start:end], start=start, end=end, method=f"rule:{rule}"),
    )


def _same_year(mentions: list[DateMention], anchor: dt.date | None) -> int | None:
    """The year "of the same year" refers to: the nearest year stated before it ("in March 2015
    and ... in November of the same year"), else the anchor's."""
    for m in reversed(mentions):
        if m.start is not None and not m.anchored:
            return m.start.year
    return anchor.year if anchor else None


def _carried_year(mentions: list[DateMention]) -> int | None:
    """Without an anchor, the year a date without one takes from the prose before it, as the
    gold guidelines carry it over for narrative events: the year of the nearest full date
    stated before ("On July 10, 2022, ... signed in July 2019 ... As of September 27": 2022, not
    the background 2019), else of the nearest stated date ("From January to March 2012 ... on
    March 22")."""
    for m in reversed(mentions):
        if m.start is not None and not m.anchored and m.precision == "day":
            return m.start.year
    return _same_year(mentions, None)


def _reference(mentions: list[DateMention], anchor: dt.date | None,
               precisions: frozenset[str]) -> dt.date | None:
    """The date a relative mention counts from: the nearest single date stated before it of one
    of ``precisions`` ("On April 24 ... the following day"), else the anchor."""
    for m in reversed(mentions):
        if m.start is not None and m.precision in precisions and (
            m.precision != "day" or m.start == m.end
        ):
            return m.start
    return anchor


def _relative(kind: str, ref: dt.date) -> _Range:
    """The range a relative mention names, counted from ``ref``."""
    if kind in _RELATIVE_DAYS:
        first, last = _RELATIVE_DAYS[kind]
        return _Range(ref + dt.timedelta(days=first), ref + dt.timedelta(days=last), "day")
    precision = "month" if kind == "same_month" else "year"
    start, end = _span(ref.year, ref.month, 1, precision)
    return _Range(start, end, precision)


def _find_mentions(text: str, lo: int, hi: int, anchor: dt.date | None,
                   languages: tuple[str, ...]) -> list[DateMention]:
    tokens = _tokens(text, lo, hi)
    # Candidates in reading order: (start, end, kind, payload).
    found: list[tuple[int, int, str, object]] = []
    i = 0
    while i < len(tokens):
        a = tokens[i]
        if i + 1 < len(tokens):
            b = tokens[i + 1]
            gap = text[a.end : b.start]
            before = text[max(0, a.start - 20) : a.start]
            opener = None
            if _DASH_GAP.fullmatch(gap):
                opener = ("range", a.start)
            elif _AND_GAP.fullmatch(gap) and (m := _BETWEEN_BEFORE.search(before)):
                opener = ("between", a.start - len(before) + m.start())
            elif _TO_GAP.fullmatch(gap) and (m := _FROM_BEFORE.search(before)):
                opener = ("from_to", a.start - len(before) + m.start())
            if opener is not None:
                found.append((opener[1], b.end, opener[0], (a, b)))
                i += 2
                continue
        if not a.range_only:
            found.append((a.start, a.end, _rule_id(a), a))
        i += 1
    for m in _RELATIVE.finditer(text, lo, hi):
        kind = m.lastgroup
        found.append((m.start(), m.end(), kind, kind))
    found.sort(key=lambda f: (f[0], -f[1]))

    mentions: list[DateMention] = []
    last_end = -1
    for start, end, rule, payload in found:
        if start < last_end:
            # "in November of the same year" is one mention, not also "the same year".
            continue
        last_end = end
        if isinstance(payload, str):
            ref = _reference(mentions, anchor, _REFERENCE_PRECISIONS[payload])
            resolved = _relative(payload, ref) if ref is not None else None
            mentions.append(_mention(text, start, end, payload, resolved, True))
            continue
        if isinstance(payload, tuple):
            a, b = payload
            carried = _same_year(mentions, anchor) if anchor else _carried_year(mentions)
            resolved = _resolve_pair(a, b, anchor, languages, carried)
            if resolved is None and (a.year is not None or b.year is not None
                                     or anchor is not None or carried is not None):
                continue
            anchored = a.year is None and b.year is None
            mentions.append(_mention(text, start, end, rule, resolved, anchored))
            continue
        tok = payload
        if tok.same_year:
            carried = _same_year(mentions, anchor)
        else:
            carried = _carried_year(mentions) if anchor is None else None
        resolved = _resolve(tok, anchor, languages, carried)
        if resolved is None and (tok.year is not None or anchor is not None or carried is not None):
            # A stated date that cannot be ("February 30, 2024") is not a mention.
            continue
        mentions.append(_mention(text, start, end, rule, resolved, tok.year is None))
    return mentions


def parse_date_text(text: str, settings: Settings | None = None, *,
                    anchor: dt.date | None = None) -> tuple[dt.date, dt.date, Precision] | None:
    """One date or date range string to (start, end, precision); None when it is not one.

    A leading "On"/"in" and trailing punctuation are allowed. A string without a year needs
    ``anchor`` (see ``find_date_mentions`` for how its year is chosen).

    >>> parse_date_text("July 25, 2024 - July 27, 2024")
    (datetime.date(2024, 7, 25), datetime.date(2024, 7, 27), 'day')
    >>> parse_date_text("late March 2022")
    (datetime.date(2022, 3, 1), datetime.date(2022, 3, 31), 'month')
    """
    stripped = re.sub(r"^\s*(?:[Oo]n|[Ii]n|[Ss]ince|[Ss]ometime)\s+", "", text)
    stripped = stripped.strip().rstrip(".,:;").strip()
    if not stripped:
        return None
    mentions = _find_mentions(stripped, 0, len(stripped), anchor, _languages(settings))
    if len(mentions) != 1:
        return None
    m = mentions[0]
    if m.evidence.start != 0 or m.evidence.end != len(stripped) or m.start is None:
        return None
    return m.start, m.end, m.precision


def find_date_mentions(text: str, anchor: dt.date | None,
                       settings: Settings | None = None) -> list[DateMention]:
    """Every date stated in ``text``, in reading order, each resolved to a range.

    A mention without a year takes the year that puts it nearest ``anchor`` (the entry's date):
    the report states sub-events and follow-ups days or weeks away and names the year when it is
    further. Relative mentions ("the following day", "That same day") count from the nearest
    single day stated before them, else from ``anchor``. Both set ``anchored``. Without an anchor
    (prose, headerless entries) a date without a year takes the year of the nearest full date
    stated before it; with none it is listed unresolved (start, end and precision None). Dates
    that cannot be ("February 30, 2024") and outlet names in a source list ("France 24") are not
    mentions.

    >>> [(m.evidence.text, m.edtf) for m in find_date_mentions(
    ...     "On March 24, the Mali government dissolves a Dogon militia.", dt.date(2019, 3, 23))]
    [('March 24', '2019-03-24')]
    """
    return _find_mentions(text, 0, len(text), anchor, _languages(settings))


def _first_sentence_end(text: str) -> int:
    """Where the first sentence of an entry ends ("U.N. peacekeepers" and "Dr. Mahamadou
    Diawara" do not end it)."""
    spans = split_sentences(text)
    return spans[0][1] if spans else len(text)


def _headerless_date(text: str, mentions: list[DateMention]) -> tuple[DateMention, str] | None:
    """The event date of an entry without a header, when its text plainly states it.

    Conservative on purpose: of the 7 headerless entries of the Mali report, the only dates are
    background ("held since his January 2009 abduction") or none ("throughout the month"). Kept:
    a date with its own year that opens the entry ("On March 5, 2019, ...", "In December 2009,
    ..."), or a full day "on" which something happens in the first sentence.
    """
    first_end = _first_sentence_end(text)
    for m in mentions:
        if m.start is None or m.anchored or m.evidence.start >= first_end:
            continue
        before = text[: m.evidence.start]
        if _OPENING.fullmatch(before):
            return m, "opening_date"
        if m.precision == "day" and _ON_BEFORE.search(before):
            return m, "first_sentence_on_date"
    return None


def entry_date(header: str | None, text: str, settings: Settings | None = None) -> DateValue:
    """The date of a timeline entry: its header's, with the other dates of the text as mentions.

    ``text`` is the cleaned entry, which starts with the header followed by ": ". Mentions in the
    rest of the text are anchored on the header's start and never change start / end. Without a
    header the date stays unknown unless the text plainly states it (``_headerless_date``).

    >>> v = entry_date("July 1, 2018", "July 1, 2018: JNIM militants kill four French soldiers."
    ...                " Macron is scheduled to arrive in Mauritania the following day.")
    >>> v.edtf, v.evidence.method, [(m.evidence.text, m.edtf) for m in v.mentions]
    ('2018-07-01', 'rule:header', [('the following day', '2018-07-02')])
    """
    languages = _languages(settings)
    if header is not None and header.strip():
        parsed = parse_date_text(header, settings)
        pos = text.find(header)
        body = pos + len(header) if pos >= 0 else 0
        if parsed is None:
            return DateValue(start=None, end=None, precision=None, text=None,
                             mentions=_find_mentions(text, body, len(text), None, languages))
        start, end, precision = parsed
        evidence = (
            Evidence(text=header, start=pos, end=pos + len(header), method="rule:header")
            if pos >= 0 else None
        )
        return DateValue(
            start=start, end=end, precision=precision, text=header,
            edtf=to_edtf(start, end, precision), evidence=evidence,
            mentions=_find_mentions(text, body, len(text), start, languages),
        )
    mentions = _find_mentions(text, 0, len(text), None, languages)
    found = _headerless_date(text, mentions)
    if found is None:
        return DateValue(start=None, end=None, precision=None, text=None, mentions=mentions)
    m, rule = found
    return DateValue(
        start=m.start, end=m.end, precision=m.precision, text=m.evidence.text, edtf=m.edtf,
        evidence=m.evidence.model_copy(update={"method": f"rule:{rule}"}),
        mentions=[other for other in mentions if other is not m],
    )


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


def infer_bounds(dates: list[DateValue]) -> list[DateValue]:
    """Bounds for undated records of a newest-first timeline, from their dated neighbours.

    An undated record gets not_before = the start of the next dated record (older) and
    not_after = the end of the previous dated record (newer), and inferred=True. When the
    neighbours are out of order (the Mali timeline lists May 31, 2009 above June 10, 2009), the
    bounds are the two dates in order: all the position says is that the event lies between them.

    >>> d = lambda y, m, day: DateValue(start=dt.date(y, m, day), end=dt.date(y, m, day),
    ...                                 precision="day", text=None)
    >>> none = DateValue(start=None, end=None, precision=None, text=None)
    >>> r = infer_bounds([d(2012, 11, 20), none, d(2012, 1, 24)])[1]
    >>> r.not_before, r.not_after, r.inferred
    (datetime.date(2012, 1, 24), datetime.date(2012, 11, 20), True)
    """
    dated = [v.start is not None and v.end is not None for v in dates]
    out: list[DateValue] = []
    for i, value in enumerate(dates):
        if dated[i]:
            out.append(value)
            continue
        newer = next((dates[j] for j in range(i - 1, -1, -1) if dated[j]), None)
        older = next((dates[j] for j in range(i + 1, len(dates)) if dated[j]), None)
        not_before = older.start if older else None
        not_after = newer.end if newer else None
        if not_before and not_after and not_before > not_after:
            not_before, not_after = min(older.start, newer.start), max(older.end, newer.end)
        if not_before is None and not_after is None:
            out.append(value)
            continue
        out.append(value.model_copy(
            update={"not_before": not_before, "not_after": not_after, "inferred": True}
        ))
    return out
