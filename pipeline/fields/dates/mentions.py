"""Finding the dates an entry states and resolving each to a range, in reading order."""

from __future__ import annotations

import datetime as dt
import re

from pipeline.fields.dates.patterns import (
    _AND_GAP, _BARE_MONTH_AFTER, _BETWEEN_BEFORE, _DASH_GAP, _FROM_BEFORE, _NOT_YEAR_AFTER,
    _REFERENCE_PRECISIONS, _RELATIVE, _SINGLE, _TO_GAP, _WEEKDAY, _WEEKDAYS, _YEAR,
)
from pipeline.fields.dates.resolve import (
    _Range, _Token, _languages, _relative, _resolve, _resolve_pair, to_edtf,
)
from pipeline.schema import DateMention, Evidence, Precision
from pipeline.settings import Settings
from pipeline.text import MONTH_NAMES, SpanSet, source_lists

def _tokens(text: str, lo: int, hi: int) -> list[_Token]:
    """Every single-date candidate in ``text[lo:hi]``, outside source lists."""
    # Outlet names are not dates ("Sources: News 24, News24"). (A span set: testing every list for
    # every date was quadratic on a text of "Sources: May 1".)
    blocked = SpanSet(source_lists(text, lo, hi)).covers
    out: list[_Token] = []
    for m in _SINGLE.finditer(text, lo, hi):
        if blocked(m.start()):
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        if m.group("lone_year"):
            if _NOT_YEAR_AFTER.search(before):
                continue
            year = int(m.group("lone_year"))
            out.append(_Token(m.start(), m.end(), None, None, year, False, bool(m.group("mod"))))
            continue
        if m.group("iso_year"):
            month = MONTH_NAMES[int(m.group("iso_month")) - 1]
            out.append(_Token(m.start(), m.end(), month, str(int(m.group("iso_day"))),
                              int(m.group("iso_year")), False, bool(m.group("mod"))))
            continue
        if m.group("dmonth"):
            year = int(m.group("dyear")) if m.group("dyear") else None
            out.append(_Token(m.start(), m.end(), _month(m.group("dmonth")), m.group("dday"),
                              year, False, bool(m.group("mod")), day_end=m.group("dday_end")))
            continue
        bare = not (m.group("day") or m.group("year") or m.group("same_year"))
        year = int(m.group("year")) if m.group("year") else None
        out.append(
            _Token(m.start(), m.end(), _month(m.group("month")), m.group("day"), year,
                   bool(m.group("same_year")), bool(m.group("mod")),
                   bare and not (m.group("mod") or _BARE_MONTH_AFTER.search(before)),
                   day_end=m.group("day_end"))
        )
    return out


class _Weekday:
    """A weekday mention's payload."""

    def __init__(self, name: str) -> None:
        self.name = name


def _weekday_before(name: str, anchor: dt.date) -> _Range:
    """The latest ``name`` day on or before ``anchor``.

    >>> _weekday_before("Friday", dt.date(2020, 9, 28)).start
    datetime.date(2020, 9, 25)
    """
    back = (anchor.weekday() - _WEEKDAYS.index(name)) % 7
    day = anchor - dt.timedelta(days=back)
    return _Range(day, day, "day")


def _month(word: str) -> str:
    """A month word as dateparser reads it: "MAY" -> "May", "SEPT." -> "Sept."."""
    return word.capitalize() if word.isupper() else word


def _rule_id(tok: _Token) -> str:
    if tok.month is None:
        shape = "year"
    elif tok.same_year:
        shape = "month_same_year"
    elif tok.day_end:
        shape = "day_range" + ("_year" if tok.year is not None else "")
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
    if not precisions:
        return anchor
    for m in reversed(mentions):
        if m.start is not None and m.precision in precisions and (
            m.precision != "day" or m.start == m.end
        ):
            return m.start
    return anchor


class _Mentions(list):
    """The mentions found so far, with what ``_same_year``, ``_carried_year`` and ``_reference``
    read from them kept up to date as each is added: those walked back over every mention before,
    quadratic on a text of thousands of dates ("May 1 May 1 ..." without a year took 2 s for
    20,000 characters). Each answer is the one the walk gives."""

    def __init__(self) -> None:
        super().__init__()
        self.stated_year: int | None = None  # the last mention's that has its own year
        self.stated_day_year: int | None = None  # the same, of a day
        self.last: dict[str, tuple[int, dt.date]] = {}  # precision -> (index, start)

    def append(self, m: DateMention) -> None:
        super().append(m)
        if m.start is None:
            return
        if not m.anchored:
            self.stated_year = m.start.year
            if m.precision == "day":
                self.stated_day_year = m.start.year
        if m.precision is not None and (m.precision != "day" or m.start == m.end):
            self.last[m.precision] = (len(self) - 1, m.start)

    def same_year(self, anchor: dt.date | None) -> int | None:
        """``_same_year(self, anchor)``."""
        if self.stated_year is not None:
            return self.stated_year
        return anchor.year if anchor else None

    def carried_year(self) -> int | None:
        """``_carried_year(self)``."""
        if self.stated_day_year is not None:
            return self.stated_day_year
        return self.same_year(None)

    def reference(self, anchor: dt.date | None, precisions: frozenset[str]) -> dt.date | None:
        """``_reference(self, anchor, precisions)``."""
        found = [self.last[p] for p in precisions if p in self.last]
        return max(found)[1] if found else anchor


def _find_mentions(text: str, lo: int, hi: int, anchor: dt.date | None,
                   languages: tuple[str, ...], carry_first: bool = False) -> list[DateMention]:
    """Every date of ``text[lo:hi]`` in reading order. A date without a year takes the year
    nearest ``anchor``; with ``carry_first`` it takes the year of the nearest full date stated
    before it when there is one (prose, whose anchor is the document's date: "seemed unlikely in
    2002 ... on 12 October that year" is 2002 whatever the page's date)."""
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
    # A weekday counts from the entry's date (or the document's): the latest such day on or
    # before it ("On Friday, in Kano, ..." under a Monday's header is the Friday before). With
    # nothing to count from it is still a mention, left unresolved.
    blocked = SpanSet(source_lists(text, lo, hi)).covers
    for m in _WEEKDAY.finditer(text, lo, hi):
        if not blocked(m.start()):
            found.append((m.start(), m.end(), "weekday", _Weekday(m.group("weekday"))))
    found.sort(key=lambda f: (f[0], -f[1]))

    mentions = _Mentions()
    last_end = -1
    for start, end, rule, payload in found:
        if start < last_end:
            # "in November of the same year" is one mention, not also "the same year".
            continue
        last_end = end
        if isinstance(payload, _Weekday):
            resolved = _weekday_before(payload.name, anchor) if anchor is not None else None
            mentions.append(_mention(text, start, end, "weekday", resolved, True))
            continue
        if isinstance(payload, str):
            ref = mentions.reference(anchor, _REFERENCE_PRECISIONS[payload])
            resolved = _relative(payload, ref) if ref is not None else None
            mentions.append(_mention(text, start, end, payload, resolved, True))
            continue
        if isinstance(payload, tuple):
            a, b = payload
            carried = mentions.same_year(anchor) if anchor else mentions.carried_year()
            if carry_first:
                carried = mentions.carried_year() or carried
            resolved = _resolve_pair(a, b, anchor, languages, carried)
            if resolved is None and (a.year is not None or b.year is not None
                                     or anchor is not None or carried is not None):
                continue
            anchored = a.year is None and b.year is None
            mentions.append(_mention(text, start, end, rule, resolved, anchored))
            continue
        tok = payload
        if tok.same_year:
            carried = mentions.same_year(anchor)
        else:
            carried = mentions.carried_year() if anchor is None or carry_first else None
        resolved = _resolve(tok, anchor, languages, carried)
        if resolved is None and (tok.year is not None or anchor is not None or carried is not None):
            # A stated date that cannot be ("February 30, 2024") is not a mention.
            continue
        mentions.append(_mention(text, start, end, rule, resolved, tok.year is None))
    return list(mentions)


_LEADING_WEEKDAY = re.compile(r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\.?,?\s+")
_YEAR_FIRST = re.compile(rf"^({_YEAR})\s*:\s*(.+)$")


def normalise_header(text: str) -> str:
    """A header's date written as the date finder reads it: a leading weekday dropped, a year
    written first moved last, trailing punctuation and dashes dropped.

    >>> normalise_header("2017: 22 March"), normalise_header("Saturday August 6"), normalise_header("May 26—")
    ('22 March 2017', 'August 6', 'May 26')
    """
    text = _LEADING_WEEKDAY.sub("", text.strip())
    m = _YEAR_FIRST.match(text)
    if m:
        text = f"{m.group(2)} {m.group(1)}"
    return text.strip().rstrip(".,:;-–— ").strip()


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
    stripped = normalise_header(re.sub(r"^\s*(?:[Oo]n|[Ii]n|[Ss]ince|[Ss]ometime)\s+", "", text))
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
                       settings: Settings | None = None, carry_first: bool = False
                       ) -> list[DateMention]:
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
    return _find_mentions(text, 0, len(text), anchor, _languages(settings), carry_first)
